package com.starrymeet.celebrity.category.web;

import java.util.List;

import com.starrymeet.celebrity.category.Categories;
import com.starrymeet.celebrity.category.Category;
import com.starrymeet.common.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CategoryController {

	private final Categories categories;

	CategoryController(Categories categories) {
		this.categories = categories;
	}

	/** Every category, public. */
	@GetMapping("/v1/categories")
	ApiResponse<List<Category>> all() {
		return ApiResponse.ok(categories.all());
	}
}
